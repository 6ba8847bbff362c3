window.OPSKIT_NAV = [{"t":"Runbooks","u":"runbooks/index.html","c":[{"t":"Restore the database","u":"runbooks/restore-database/index.html"},{"t":"Scale the workers","u":"runbooks/scale-workers/index.html"}]},
{"t":"On-call guide","u":"guides/on-call/index.html"}];
