"""Matchmaker: company–research matchmaking and B2B agendas for a life-sciences cluster."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from matchmaker.config import INSTANCE_DIR, PROJECT_ROOT, Config, load_or_create_secret_key, public_url_warning

if TYPE_CHECKING:  # Flask is imported when an app is built: the pure engines (matching, scheduling) never load it
    from flask import Flask

MIGRATIONS_DIR = PROJECT_ROOT / "migrations"


def create_app(config: type | dict[str, Any] | None = None) -> Flask:
    """Build a configured app: defaults, then instance/config.py (unless `config` is given), then `config`."""
    from flask import Flask

    app = Flask(__name__, instance_path=str(INSTANCE_DIR), template_folder=str(PROJECT_ROOT / "templates"))
    from matchmaker.fast_jinja import Environment
    app.jinja_environment = Environment  # before anything builds app.jinja_env
    app.config.from_object(Config)
    if config is None:
        app.config.from_pyfile(str(Path(app.instance_path) / "config.py"), silent=True)
    elif isinstance(config, dict):
        app.config.update(config)
    else:
        app.config.from_object(config)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = load_or_create_secret_key(Path(app.instance_path))

    _trust_proxies(app)
    from matchmaker import request_guards
    request_guards.install(app)  # before the blueprints: their <int:...> rules use its converter
    register_extensions(app)
    register_blueprints(app)
    from matchmaker.jobs import queue, tasks  # noqa: F401  (tasks registers the job kinds)
    queue.configure(app.config, app.instance_path)
    from matchmaker import i18n
    i18n.init_app(app)
    from matchmaker.errors import register_error_handlers
    from matchmaker.templating import register_template_helpers
    from matchmaker.cli import register_commands
    from matchmaker.security import register_security_headers
    register_error_handlers(app)
    register_security_headers(app)
    register_template_helpers(app)
    register_commands(app)
    if _serving() and not app.testing and (warning := public_url_warning(app.config)):
        app.logger.warning(warning)
    if app.config.get("ENGINE_PRELOAD") and _serving():
        from matchmaker.services.engine import preload
        preload(app)
    return app


def _serving() -> bool:
    """True under a WSGI server or `flask run`; false for the other commands (they need no engine at start)."""
    import click

    context = click.get_current_context(silent=True)
    return context is None or context.info_name == "run"


def register_extensions(app: Flask) -> None:
    """Bind the unbound extensions from extensions.py to `app`."""
    from matchmaker import models  # noqa: F401  (registers the tables on the metadata)
    from flask_sqlalchemy.session import Session

    from matchmaker.extensions import configure_sqlite, csrf, db, limiter, login_manager, migrate
    from matchmaker.search import index as search_index

    db.init_app(app)
    with app.app_context():
        configure_sqlite(db.engine)
        from matchmaker import db_ping
        db_ping.install(db.engine, app.config.get("DB_PING_AFTER_IDLE", 2.0))
    migrate.init_app(app, db, directory=str(MIGRATIONS_DIR), render_as_batch=True, compare_type=True,
                     include_object=search_index.include_object)
    search_index.install(db.metadata, Session)
    from matchmaker import page_cache
    page_cache.install(Session)  # after the search index's hook: its commit-time writes are flushed first
    from matchmaker import user_prefetch
    user_prefetch.install(Session)
    csrf.init_app(app)

    @app.after_request  # registered before the limiter's hook, so it runs after it (Flask runs them in reverse)
    def _retry_after_only_when_refused(response):
        """Flask-Limiter sets Retry-After on every rate-limited answer, a 200 included: a client may read that as an
        order to back off. It stays on a refusal (429) and on the busy database's 503."""
        if response.status_code not in (429, 503):
            response.headers.pop("Retry-After", None)
        return response

    limiter.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message_category = "info"

    @login_manager.user_loader
    def load_user(session_id: str) -> models.User | None:
        # "id:token[:login]" (User.get_id): a cookie whose token is no longer the user's (logout, password change
        # or reset since) loads nobody, whether it is the session cookie or the remember cookie.
        user_id, _, token = session_id.partition(":")
        token = token.partition(":")[0]
        if not user_id.isdigit() or len(user_id) > 18 or not token:
            return None
        user = user_prefetch.load_user(int(user_id))  # with the data stamp and the bell's count: one statement
        return user if user is not None and user.session_token_matches(token) else None


def _trust_proxies(app: Flask) -> None:
    """Honour X-Forwarded-For/-Proto only from the number of reverse proxies the configuration names."""
    x_for, x_proto = app.config.get("PROXY_FIX_X_FOR", 0), app.config.get("PROXY_FIX_X_PROTO", 0)
    if x_for or x_proto:
        from werkzeug.middleware.proxy_fix import ProxyFix
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=x_for, x_proto=x_proto)


def register_blueprints(app: Flask) -> None:
    """Attach every blueprint; URL prefix = folder name."""
    from matchmaker.admin.views import bp as admin_bp
    from matchmaker.auth.views import bp as auth_bp
    from matchmaker.events import bp as events_bp
    from matchmaker.imports.views import bp as imports_bp
    from matchmaker.jobs.views import bp as jobs_bp
    from matchmaker.api import init_app as init_api
    from matchmaker.api.pages import bp as tokens_bp
    from matchmaker.main.views import bp as main_bp
    from matchmaker.matches.views import bp as matches_bp
    from matchmaker.membership.views import bp as membership_bp
    from matchmaker.messages.views import bp as messages_bp
    from matchmaker.notifications.views import bp as notifications_bp
    from matchmaker.privacy.views import bp as privacy_bp
    from matchmaker.profiles.views import bp as profiles_bp

    for bp in (main_bp, auth_bp, profiles_bp, matches_bp, imports_bp, admin_bp, jobs_bp, notifications_bp, tokens_bp,
               privacy_bp, events_bp, membership_bp, messages_bp):
        app.register_blueprint(bp)
    init_api(app)
