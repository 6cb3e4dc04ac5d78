//! The wasm entry point: report panics to the console, then start the app on `<body>`.

fn main() {
    // The panic's message, nothing more: `console_error_panic_hook` also formats the location
    // and the JS stack, 2.7 KB of wasm for what the browser's own trace shows anyway.
    std::panic::set_hook(Box::new(|info| {
        let message = info.payload_as_str().unwrap_or("panic");
        web_sys::console::error_1(&message.into());
    }));
    portfolio::start();
}
