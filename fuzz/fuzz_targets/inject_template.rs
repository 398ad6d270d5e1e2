//! The `inject` template parser on arbitrary bytes: pieces or an error naming a line,
//! never a panic; the text pieces and references cover the template in order.

#![no_main]

use libfuzzer_sys::fuzz_target;
use tresor::deliver::template::{Piece, parse, references, render};

fuzz_target!(|data: &[u8]| {
    let Ok(pieces) = parse(data) else {
        return;
    };
    let _ = references(&pieces);
    // Text pieces are slices of the input, in order and without overlap.
    let mut end = 0usize;
    let base = data.as_ptr() as usize;
    for piece in &pieces {
        if let Piece::Text(text) = piece {
            let start = text.as_ptr() as usize - base;
            assert!(start >= end && start + text.len() <= data.len());
            end = start + text.len();
        }
    }
    let out = render(&pieces, |_| b"");
    assert!(out.len() <= data.len());
});
