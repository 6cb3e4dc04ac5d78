//! The wasm entry point: install the panic hook and start the app on `<body>`.

fn main() {
    console_error_panic_hook::set_once();
    portfolio::start();
}
