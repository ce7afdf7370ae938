//! Where a list's pages are and the links between them: page 1 at the list's
//! folder, page N at `page/N/` under it, and a pager naming a few pages
//! around the current one, the first and the last.

use serde::Serialize;

use crate::content::slug::PAGE_DIR;

/// How many page numbers the pager shows either side of the current page.
const AROUND: usize = 1;

/// The file of page `page` of the list whose first page is in `dir`
/// (`disclosures/2026/`): `disclosures/2026/index.html`,
/// `disclosures/2026/page/2/index.html`.
pub fn page_rel(dir: &str, page: usize) -> String {
    if page <= 1 {
        format!("{dir}index.html")
    } else {
        format!("{dir}{PAGE_DIR}/{page}/index.html")
    }
}

/// How many pages `n` items take at `per_page` a page; `at_least` for a
/// list that has a page even when empty.
pub fn page_count(n: usize, per_page: usize, at_least: usize) -> usize {
    n.div_ceil(per_page).max(at_least)
}

/// The links between the pages of a list, for `partials/pager.html`.
#[derive(Debug, Clone, Serialize)]
pub struct PagerView {
    pub current: usize,
    pub total: usize,
    pub prev: Option<String>,
    pub next: Option<String>,
    pub pages: Vec<PageLink>,
}

/// One page number in the pager.
#[derive(Debug, Clone, Serialize)]
pub struct PageLink {
    pub number: usize,
    pub link: String,
    pub current: bool,
    /// Pages are left out between this one and the one before (`…`).
    pub gap_before: bool,
}

/// The pager of page `current` of `total`, linking from `href_dir` (the
/// list's folder as a link); `None` for a list of one page.
pub fn pager(href_dir: &str, current: usize, total: usize) -> Option<PagerView> {
    if total <= 1 {
        return None;
    }
    let link = |n: usize| page_rel(href_dir, n);
    let shown = |n: usize| n == 1 || n == total || n.abs_diff(current) <= AROUND;
    let mut pages = Vec::new();
    let mut last = 0;
    for n in (1..=total).filter(|&n| shown(n)) {
        pages.push(PageLink {
            number: n,
            link: link(n),
            current: n == current,
            gap_before: n > last + 1,
        });
        last = n;
    }
    Some(PagerView {
        current,
        total,
        prev: (current > 1).then(|| link(current - 1)),
        next: (current < total).then(|| link(current + 1)),
        pages,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbers(p: &PagerView) -> Vec<String> {
        p.pages
            .iter()
            .map(|l| {
                let n = if l.current {
                    format!("[{}]", l.number)
                } else {
                    l.number.to_string()
                };
                if l.gap_before { format!("… {n}") } else { n }
            })
            .collect()
    }

    #[test]
    fn first_page_is_the_folder_and_the_rest_are_numbered() {
        assert_eq!(page_rel("disclosures/", 1), "disclosures/index.html");
        assert_eq!(
            page_rel("disclosures/2026/", 3),
            "disclosures/2026/page/3/index.html"
        );
        assert_eq!(page_count(0, 50, 1), 1);
        assert_eq!(page_count(0, 50, 0), 0);
        assert_eq!(page_count(50, 50, 0), 1);
        assert_eq!(page_count(51, 50, 0), 2);
    }

    #[test]
    fn one_page_needs_no_pager() {
        assert!(pager("d/", 1, 1).is_none());
        assert!(pager("d/", 1, 0).is_none());
    }

    #[test]
    fn the_pager_names_the_pages_around_the_current_one() {
        let p = pager("d/", 1, 2).unwrap();
        assert_eq!(numbers(&p), ["[1]", "2"]);
        assert_eq!(
            (p.prev, p.next.as_deref()),
            (None, Some("d/page/2/index.html"))
        );
        let p = pager("d/", 6, 200).unwrap();
        assert_eq!(numbers(&p), ["1", "… 5", "[6]", "7", "… 200"]);
        assert_eq!(p.prev.as_deref(), Some("d/page/5/index.html"));
        let p = pager("d/", 200, 200).unwrap();
        assert_eq!(numbers(&p), ["1", "… 199", "[200]"]);
        assert_eq!(p.next, None);
        let p = pager("d/", 2, 4).unwrap();
        assert_eq!(numbers(&p), ["1", "[2]", "3", "4"]);
    }
}
