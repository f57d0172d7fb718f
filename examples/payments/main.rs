//! An example Flux service: a payments sandbox on axum whose errors are `flux_codes::ApiError`s.
//!
//! ```text
//! cargo run --features axum --example payments -- serve [--port N]   # 127.0.0.1, port 0 = any
//! cargo run --features axum --example payments -- openapi            # its OpenAPI document
//! ```
//!
//! `serve` prints `listening on http://127.0.0.1:PORT` once it accepts connections, and stops
//! on Ctrl-C (SIGINT) or when killed.

mod app;
mod errors;
mod openapi;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        ["openapi"] => {
            println!("{:#}", openapi::document());
            ExitCode::SUCCESS
        }
        ["serve"] => serve(0),
        ["serve", "--port", port] => match port.parse() {
            Ok(port) => serve(port),
            Err(_) => usage(),
        },
        _ => usage(),
    }
}

fn usage() -> ExitCode {
    eprintln!("usage: payments serve [--port N] | openapi");
    ExitCode::from(2)
}

fn serve(port: u16) -> ExitCode {
    let runtime = tokio::runtime::Runtime::new().expect("a tokio runtime");
    runtime.block_on(async {
        let listener = match tokio::net::TcpListener::bind(("127.0.0.1", port)).await {
            Ok(listener) => listener,
            Err(e) => {
                eprintln!("cannot listen on 127.0.0.1:{port}: {e}");
                return ExitCode::FAILURE;
            }
        };
        let addr = listener.local_addr().expect("a bound address");
        println!("listening on http://{addr}");
        let stop = async {
            // Without a signal handler (an error here), run until killed.
            if tokio::signal::ctrl_c().await.is_err() {
                std::future::pending::<()>().await;
            }
        };
        match axum::serve(listener, app::app())
            .with_graceful_shutdown(stop)
            .await
        {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("server error: {e}");
                ExitCode::FAILURE
            }
        }
    })
}
