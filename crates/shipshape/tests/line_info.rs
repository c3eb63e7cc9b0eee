//! BuildKit's `testfile-line` case: line numbers of parsed instructions, continuation and
//! comment lines included in an instruction's range.

mod common;

#[test]
fn buildkit_line_info() {
    let Some(dir) = common::corpus_or_skip("line info") else { return };
    let src = std::fs::read_to_string(dir.join("buildkit-parser/line-info/Dockerfile")).unwrap();
    let p = shipshape::parse(&src);
    assert!(p.errors.is_empty(), "{:?}", p.errors);
    let ranges: Vec<(u32, u32)> = p
        .file
        .instructions
        .iter()
        .map(|i| (p.line_index.line_col(i.span.start).line, p.line_index.line_col(i.span.end).line))
        .collect();
    assert_eq!(ranges, vec![(5, 5), (11, 12), (17, 31)]);
    println!("line info: 3 instructions on lines 5-5, 11-12 and 17-31, as BuildKit says");
}
