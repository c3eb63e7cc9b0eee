//! The shipshape playground: mounts the app into the page's `<body>`.

fn main() {
    yew::Renderer::<shipshape_app::App>::new().render();
}
