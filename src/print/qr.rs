//! QR codes as inline SVG, made at build time without any network.

use qrcode::canvas::{Canvas, MaskPattern};
use qrcode::{Color, EcLevel, bits, ec};

/// An SVG QR code for `url`: one `<path>` of dark modules, a 4-module quiet zone.
pub fn qr_svg(url: &str, label: &str) -> String {
    let Some((colors, width)) = encode(url) else {
        return String::new();
    };
    let quiet = 4;
    let size = width + 2 * quiet;
    // Each row's dark runs as one stroked path: `M4 4.5h7m2 0h1…`, a third of
    // the size of a rectangle per run.
    let mut d = String::with_capacity(width * width);
    for y in 0..width {
        let row = &colors[y * width..(y + 1) * width];
        let mut pen = 0;
        let mut x = 0;
        let mut started = false;
        while x < width {
            if row[x] != Color::Dark {
                x += 1;
                continue;
            }
            let start = x;
            while x < width && row[x] == Color::Dark {
                x += 1;
            }
            if started {
                d.push('m');
                push_number(&mut d, start - pen);
                d.push_str(" 0h");
            } else {
                d.push('M');
                push_number(&mut d, start + quiet);
                d.push(' ');
                push_number(&mut d, y + quiet);
                d.push_str(".5h");
                started = true;
            }
            push_number(&mut d, x - start);
            pen = x;
        }
    }
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"{}\"><rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/><path stroke=\"#000\" d=\"{d}\"/></svg>",
        crate::render::words::escape_html(label)
    )
}

/// Appends a small number's digits (a QR code is at most 177 modules wide).
fn push_number(out: &mut String, n: usize) {
    if n >= 100 {
        out.push(char::from(b'0' + (n / 100 % 10) as u8));
    }
    if n >= 10 {
        out.push(char::from(b'0' + (n / 10 % 10) as u8));
    }
    out.push(char::from(b'0' + (n % 10) as u8));
}

/// The modules of `data` at error-correction level M (L if it does not fit),
/// and the symbol's width. The mask is fixed: every mask decodes the same, and
/// choosing the "best" one scores all eight, which cost a fifth of a large build.
fn encode(data: &str) -> Option<(Vec<Color>, usize)> {
    let (bits, level) = [EcLevel::M, EcLevel::L].into_iter().find_map(|level| {
        bits::encode_auto(data.as_bytes(), level)
            .ok()
            .map(|b| (b, level))
    })?;
    let version = bits.version();
    let (data, ec) = ec::construct_codewords(&bits.into_bytes(), version, level).ok()?;
    let mut canvas = Canvas::new(version, level);
    canvas.draw_all_functional_patterns();
    canvas.draw_data(&data, &ec);
    canvas.apply_mask(MaskPattern::Checkerboard);
    Some((canvas.into_colors(), version.width() as usize))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn makes_a_square_svg_with_dark_modules() {
        let svg = qr_svg("https://xingfu.example.org/disclosures/q3/", "二维码");
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(svg.contains("viewBox=\"0 0 37 37\""), "{svg}");
        assert!(svg.matches('M').count() > 20);
    }
}
