//! Rules of batch f.

super::batch! {}
