//! Rules of batch e: Docker BuildKit's build checks. The checks that duplicate a hadolint
//! rule are aliases of that rule (MaintainerDeprecated is DL4000, JSONArgsRecommended
//! DL3025 …). InvalidBaseImagePlatform checks only what the image reference tells.

#[path = "buildkit_common.rs"]
pub(crate) mod buildkit_common;
#[path = "fix_finstr.rs"]
pub(crate) mod fix_finstr;

#[path = "bk_consistent_instruction_casing.rs"]
pub mod bk_consistent_instruction_casing;
#[path = "bk_copy_ignored_file.rs"]
pub mod bk_copy_ignored_file;
#[path = "bk_expose_invalid_format.rs"]
pub mod bk_expose_invalid_format;
#[path = "bk_expose_proto_casing.rs"]
pub mod bk_expose_proto_casing;
#[path = "bk_from_as_casing.rs"]
pub mod bk_from_as_casing;
#[path = "bk_from_platform_flag_const_disallowed.rs"]
pub mod bk_from_platform_flag_const_disallowed;
#[path = "bk_invalid_base_image_platform.rs"]
pub mod bk_invalid_base_image_platform;
#[path = "bk_invalid_default_arg_in_from.rs"]
pub mod bk_invalid_default_arg_in_from;
#[path = "bk_invalid_definition_description.rs"]
pub mod bk_invalid_definition_description;
#[path = "bk_legacy_key_value_format.rs"]
pub mod bk_legacy_key_value_format;
#[path = "bk_no_empty_continuation.rs"]
pub mod bk_no_empty_continuation;
#[path = "bk_stage_name_casing.rs"]
pub mod bk_stage_name_casing;
#[path = "bk_undefined_arg_in_from.rs"]
pub mod bk_undefined_arg_in_from;
#[path = "bk_undefined_var.rs"]
pub mod bk_undefined_var;
#[path = "bk_workdir_relative_path.rs"]
pub mod bk_workdir_relative_path;

super::batch! {
    bk_stage_name_casing,
    bk_from_as_casing,
    bk_no_empty_continuation,
    bk_consistent_instruction_casing,
    bk_undefined_arg_in_from,
    bk_workdir_relative_path,
    bk_undefined_var,
    bk_legacy_key_value_format,
    bk_invalid_default_arg_in_from,
    bk_from_platform_flag_const_disallowed,
    bk_copy_ignored_file,
    bk_invalid_definition_description,
    bk_expose_proto_casing,
    bk_expose_invalid_format,
    bk_invalid_base_image_platform,
}
