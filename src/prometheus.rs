//! The Prometheus text exposition format (0.0.4), as node_exporter's textfile collector
//! reads it: each family's HELP and TYPE once, then its samples, label values escaped.

use std::fmt::Write;

/// One metric family: a name, its help, its type, and its samples.
pub struct Family {
    name: &'static str,
    help: &'static str,
    kind: &'static str,
    samples: Vec<(Vec<(&'static str, String)>, i64)>,
}

impl Family {
    /// A sample with these labels (name, value).
    pub fn sample(&mut self, labels: &[(&'static str, &str)], value: i64) -> &mut Self {
        let labels = labels
            .iter()
            .map(|(name, value)| (*name, value.to_string()))
            .collect();
        self.samples.push((labels, value));
        self
    }
}

/// Families in the order they are added.
#[derive(Default)]
pub struct Exposition {
    families: Vec<Family>,
}

impl Exposition {
    pub fn gauge(&mut self, name: &'static str, help: &'static str) -> &mut Family {
        self.families.push(Family {
            name,
            help,
            kind: "gauge",
            samples: Vec::new(),
        });
        let last = self.families.len() - 1;
        &mut self.families[last]
    }

    pub fn render(&self) -> String {
        let mut text = String::new();
        for family in &self.families {
            let _ = writeln!(text, "# HELP {} {}", family.name, escape_help(family.help));
            let _ = writeln!(text, "# TYPE {} {}", family.name, family.kind);
            for (labels, value) in &family.samples {
                text.push_str(family.name);
                if !labels.is_empty() {
                    let pairs: Vec<String> = labels
                        .iter()
                        .map(|(name, value)| format!("{name}=\"{}\"", escape_label(value)))
                        .collect();
                    let _ = write!(text, "{{{}}}", pairs.join(","));
                }
                let _ = writeln!(text, " {value}");
            }
        }
        text
    }
}

fn escape_help(text: &str) -> String {
    text.replace('\\', "\\\\").replace('\n', "\\n")
}

fn escape_label(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn families_render_with_escaped_labels() {
        let mut metrics = Exposition::default();
        metrics
            .gauge("tresor_x", "Things, counted.\nTwo lines \\ here.")
            .sample(&[("who", "a\"b\\c\nd")], 3)
            .sample(&[], -1);
        metrics.gauge("tresor_empty", "Nothing.");
        assert_eq!(
            metrics.render(),
            "# HELP tresor_x Things, counted.\\nTwo lines \\\\ here.\n# TYPE tresor_x gauge\ntresor_x{who=\"a\\\"b\\\\c\\nd\"} 3\ntresor_x -1\n# HELP tresor_empty Nothing.\n# TYPE tresor_empty gauge\n"
        );
    }
}
