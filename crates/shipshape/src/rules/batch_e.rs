//! Rules of batch e.

super::batch! {}
