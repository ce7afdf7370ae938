//! QR codes as inline SVG, made at build time without any network.

use qrcode::{Color, EcLevel, QrCode};

/// An SVG QR code for `url`: one `<path>` of dark modules, a 4-module quiet zone.
pub fn qr_svg(url: &str, label: &str) -> String {
    let code = QrCode::with_error_correction_level(url.as_bytes(), EcLevel::M)
        .or_else(|_| QrCode::with_error_correction_level(url.as_bytes(), EcLevel::L));
    let Ok(code) = code else {
        return String::new();
    };
    let width = code.width();
    let colors = code.to_colors();
    let quiet = 4;
    let size = width + 2 * quiet;
    let mut d = String::with_capacity(width * width);
    for y in 0..width {
        let mut x = 0;
        while x < width {
            if colors[y * width + x] == Color::Dark {
                let start = x;
                while x < width && colors[y * width + x] == Color::Dark {
                    x += 1;
                }
                d.push_str(&format!("M{} {}h{}v1h-{}z", start + quiet, y + quiet, x - start, x - start));
            } else {
                x += 1;
            }
        }
    }
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"{}\"><rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{d}\"/></svg>",
        escape_attr(label)
    )
}

/// Escapes text for an HTML attribute value.
fn escape_attr(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn makes_a_square_svg_with_dark_modules() {
        let svg = qr_svg("https://xingfu.example.org/disclosures/q3/", "二维码");
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(svg.contains("viewBox=\"0 0 37 37\""), "{svg}");
        assert!(svg.matches('M').count() > 50);
    }
}
