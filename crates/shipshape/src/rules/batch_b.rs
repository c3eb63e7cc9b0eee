//! Rules of batch b.

super::batch! {}
