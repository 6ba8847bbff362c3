from app.server import VERSION, build_response


def test_root_returns_greeting_and_version():
    status, body = build_response("/")
    assert status == 200
    assert body["version"] == VERSION


def test_health_is_always_ok_even_in_failure_mode():
    assert build_response("/health", failure_mode="on") == (200, {"status": "ok"})


def test_failure_mode_returns_500_on_root():
    status, _ = build_response("/", failure_mode="on")
    assert status == 500


def test_unknown_path_is_404():
    status, _ = build_response("/admin")
    assert status == 404
