//! Rules of batch d.

super::batch! {}
