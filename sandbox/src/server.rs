//! A running sandbox instance: the route table, binding, and shutdown.

use std::io;

use axum::middleware::from_fn_with_state;
use axum::routing::{get, post};
use axum::Router;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::config::Config;
use crate::control::Control;
use crate::state::AppState;
use crate::{
    aggregate, authorize, control_http, cors, faults, front_door, pages, table, token, user_api,
};

/// The instance's routes and middleware, plus a control handle on its state; for
/// in-process tests with `tower::ServiceExt::oneshot` (no socket is bound).
pub fn router(config: &Config) -> (Router, Control) {
    let state = AppState::new(config);
    (build(state.clone()), Control { state })
}

fn build(state: AppState) -> Router {
    let api = Router::new()
        .route("/now/table/{table}", get(table::list).post(table::create))
        .route(
            "/now/table/{table}/{sys_id}",
            get(table::get_one).patch(table::update).put(table::update),
        )
        .route("/now/stats/{table}", get(aggregate::stats))
        .route("/now/ui/user/current_user", get(user_api::current_user))
        .fallback(table::no_resource)
        .layer(from_fn_with_state(state.clone(), faults::inject));
    Router::new()
        .route("/", get(|| async { pages::home() }))
        .route(
            "/oauth_auth.do",
            get(authorize::authorize).post(authorize::decide),
        )
        .route(
            "/login.do",
            get(authorize::login_page).post(authorize::login),
        )
        .route("/logout.do", get(authorize::logout))
        .route("/oauth_token.do", post(token::token))
        .route(
            "/oauth_revoke_token.do",
            get(token::revoke).post(token::revoke),
        )
        .nest("/api", api)
        .nest("/sandbox", control_http::routes())
        // Inside CORS: a moved instance's node still applies its CORS rule.
        .layer(from_fn_with_state(state.clone(), front_door::moved))
        .layer(from_fn_with_state(state.clone(), cors::apply))
        // Outside CORS: a hibernating instance's redirect carries no CORS headers.
        .layer(from_fn_with_state(state.clone(), front_door::apply))
        // Merged after the ServiceNow layers: the Microsoft routes have their own CORS.
        .merge(crate::microsoft::routes(&state))
        .with_state(state)
}

/// A sandbox instance serving on a local port.
#[derive(Debug)]
pub struct Sandbox {
    url: String,
    control: Control,
    stop: oneshot::Sender<()>,
    task: JoinHandle<io::Result<()>>,
}

impl Sandbox {
    /// Binds `config.addr` and serves on the current tokio runtime.
    pub async fn start(config: Config) -> io::Result<Sandbox> {
        let listener = TcpListener::bind(config.addr).await?;
        let url = format!("http://{}", listener.local_addr()?);
        let state = AppState::new(&config);
        state.set_base_url(url.clone());
        let app = build(state.clone());
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            let shutdown = async {
                let _ = stopped.await;
            };
            axum::serve(listener, app)
                .with_graceful_shutdown(shutdown)
                .await
        });
        Ok(Sandbox {
            url,
            control: Control { state },
            stop,
            task,
        })
    }

    /// The instance URL, e.g. `http://127.0.0.1:8701` (no trailing slash).
    pub fn url(&self) -> String {
        self.url.clone()
    }

    /// A handle for tests and demos.
    pub fn control(&self) -> Control {
        self.control.clone()
    }

    /// Stops accepting connections and waits (briefly) for open ones to finish.
    pub async fn shutdown(self) {
        let _ = self.stop.send(());
        let mut task = self.task;
        let grace = std::time::Duration::from_secs(5);
        if tokio::time::timeout(grace, &mut task).await.is_err() {
            // A browser holding a keep-alive connection must not keep us running.
            task.abort();
        }
    }
}
