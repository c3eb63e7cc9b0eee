//! Rules of batch c.

super::batch! {}
