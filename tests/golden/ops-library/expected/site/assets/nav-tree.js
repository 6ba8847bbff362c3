window.OPSKIT_NAV = [{"t":"Restart a service","u":"runbooks/restart-service/index.html"},
{"t":"Change review","u":"sops/change-review/index.html"},
{"t":"Rotate access keys","u":"runbooks/rotate-access-keys/index.html"},
{"t":"Escalation guide","u":"guides/escalation/index.html"},
{"t":"Who does what","u":"guides/responsibilities/index.html"}];
