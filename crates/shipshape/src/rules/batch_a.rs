//! Rules of batch a.

super::batch! {}
