//! Tables for people: columns aligned by display width (comfy-table), two spaces
//! between them, no borders, no trailing spaces, never wider than their content.

use comfy_table::presets::NOTHING;
use comfy_table::{ContentArrangement, Table};

/// `header` and `rows` as aligned lines, without a final newline.
pub fn render<R, C>(header: &[&str], rows: R) -> String
where
    R: IntoIterator<Item = Vec<C>>,
    C: Into<comfy_table::Cell>,
{
    let mut table = Table::new();
    table
        .load_style(NOTHING)
        .set_content_arrangement(ContentArrangement::Disabled)
        .set_header(header.to_vec());
    for row in rows {
        table.add_row(row);
    }
    let last = header.len().saturating_sub(1);
    for (index, column) in table.column_iter_mut().enumerate() {
        column.set_padding((0, if index == last { 0 } else { 2 }));
    }
    table.trim_fmt()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_align_by_display_width() {
        let text = render(
            &["NAME", "OWNER", "NOTE"],
            [vec!["a/b", "é-team", "x"], vec!["prod/long-name", "-", ""]],
        );
        assert_eq!(
            text,
            "NAME            OWNER   NOTE\na/b             é-team  x\nprod/long-name  -"
        );
    }
}
