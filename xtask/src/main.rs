//! `cargo xtask <command>`: the developer tasks of snowcard, in Rust so that they run the same
//! on a laptop and in CI with nothing but a Rust toolchain installed.

mod app_build;
mod bench;
mod cmd;
mod deploy;
mod install;
mod locales;
mod package;
mod serve;
mod size;
mod test;
mod workspace;

use std::process::ExitCode;

const USAGE: &str = "\
Usage: cargo xtask <command>

Commands:
  serve [--app-port N] [--instance-port N]
          Install what is missing, build the app, start the sandbox instance and serve
          the app (ports default to 8700 and 8701, or SNOWCARD_APP_PORT and
          SNOWCARD_INSTANCE_PORT). Runs until Ctrl-C.
  serve --instance URL [--client-id ID] [--sandbox] [--app-port N] [MICROSOFT]
          Serve the app for a real instance (`acme`, `acme.service-now.com` or
          https://…): its Content-Security-Policy allows that instance, the setup page
          is filled in, and it prints the redirect URL, the origin and the
          glide.oauth.cors.allowed.origin value to register. --sandbox also starts
          the sandbox instance.
          MICROSOFT, for a real Microsoft 365 tenant: --microsoft (the global cloud,
          login.microsoftonline.com and graph.microsoft.com), or --microsoft-authority
          URL with --microsoft-graph URL (a national cloud).
  test    Install what the tests need (incl. Chromium and ChromeDriver), then run the
          native, browser and end-to-end tests, with a summary at the end.
  build [--instance URL]... [--allowed-instance URL]... [--token-url URL]
        [--token-storage memory] [MICROSOFT]
          Build the release app into dist/, with the package dist/pkg (package.json,
          snowcard.js + .d.ts, snowcard_bg.wasm, snowcard.css). With --instance
          (repeatable) and --token-url (a proxy on another origin), the pages'
          Content-Security-Policy connect-src names those origins instead of the
          sandbox's; MICROSOFT as for serve. The standalone page only connects to the
          --allowed-instance ones (also added to connect-src) and trusts a --token-url
          or Microsoft address on another origin (data-* on the app root).
          --token-storage memory: the page keeps its tokens only in memory (a reload
          signs in again).
  bench [--profile] [--runs N]
          Build, then time pages of the app in headless Chromium against the sandbox,
          each beside a hand-written vanilla-JS page doing the same work, over N fresh
          loads each (default 7): prints both medians, their ratio and the requests.
          --profile: instead, profile N loads of the app (wasm with its names) and
          print the functions taking the most CPU time from Graph's answer to the rows.
  size    Build, then print the raw and gzip sizes of each file in dist/pkg.
  locales Write the app's translation tables as JSON to target/locales.json, which the
          end-to-end tests read (build and test write it too).
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (command, rest) = match args.split_first() {
        Some((command, rest)) => (command.as_str(), rest),
        None => ("", &[][..]),
    };
    let result = match command {
        "serve" => serve::run(rest),
        "test" => test::run(),
        "build" => app_build::run(rest),
        "bench" => bench::run(rest),
        "size" => size::run(),
        "locales" => locales::run(),
        "help" | "-h" | "--help" => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        "" => {
            eprint!("{USAGE}");
            return ExitCode::from(2);
        }
        unknown => {
            eprintln!("error: unknown command `{unknown}`\n");
            eprint!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("\nerror: {error:#}");
            ExitCode::FAILURE
        }
    }
}
