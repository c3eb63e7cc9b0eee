//! The shipshape playground: mounts the app into the page's `<body>`.

fn main() {
    // The same module also runs in the lint worker (www/worker.js): only a page renders.
    if web_sys::window().is_none() {
        return;
    }
    yew::Renderer::<shipshape_app::App>::new().render();
}
