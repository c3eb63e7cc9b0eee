//! Rules of batch g.

super::batch! {}
