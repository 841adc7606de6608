//! A corpus's file names in name order (and other strings, one a file),
//! end to end in one buffer: a string per file costs 24 bytes of header and
//! an allocation each, the buffer a name's bytes and four — what a
//! 400,000-file list can afford.

/// Strings end to end in one buffer, in the order given.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Texts {
    text: String,
    ends: Vec<u32>,
}

impl Texts {
    pub fn push(&mut self, s: &str) {
        self.text.push_str(s);
        // Names are bounded by the file system (some kilobytes), and 4 GB of
        // them is past any archive's list.
        self.ends
            .push(u32::try_from(self.text.len()).unwrap_or(u32::MAX));
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// String `i`.
    pub fn get(&self, i: usize) -> Option<&str> {
        let end = *self.ends.get(i)? as usize;
        let start = i.checked_sub(1).map_or(0, |p| self.ends[p] as usize);
        self.text.get(start..end)
    }

    /// Every string, in order.
    pub fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        (0..self.len()).filter_map(|i| self.get(i))
    }

    fn last(&self) -> Option<&str> {
        self.len().checked_sub(1).and_then(|i| self.get(i))
    }
}

impl<S: AsRef<str>> FromIterator<S> for Texts {
    fn from_iter<I: IntoIterator<Item = S>>(iter: I) -> Texts {
        let mut texts = Texts::default();
        for s in iter {
            texts.push(s.as_ref());
        }
        texts
    }
}

/// Sorted, distinct file names (relative to the corpus root).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileList {
    names: Texts,
}

impl FileList {
    /// `names` sorted, each once.
    pub fn of<S: AsRef<str>>(names: impl IntoIterator<Item = S>) -> FileList {
        let mut sorted: Vec<S> = names.into_iter().collect();
        sorted.sort_by(|a, b| a.as_ref().cmp(b.as_ref()));
        sorted.dedup_by(|a, b| a.as_ref() == b.as_ref());
        FileList {
            names: sorted.iter().collect(),
        }
    }

    /// Adds `name`, which must sort after every name already in (a stream in
    /// name order, as the index's manifest is read); false, and nothing
    /// added, when it does not.
    pub fn push_sorted(&mut self, name: &str) -> bool {
        if self.names.last().is_some_and(|last| last >= name) {
            return false;
        }
        self.names.push(name);
        true
    }

    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// Name `i`.
    pub fn get(&self, i: usize) -> Option<&str> {
        self.names.get(i)
    }

    /// Every name, in order.
    pub fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        self.names.iter()
    }

    /// Where `name` is in the list.
    pub fn position(&self, name: &str) -> Option<usize> {
        let (mut low, mut high) = (0, self.len());
        while low < high {
            let mid = (low + high) / 2;
            match self.get(mid)?.cmp(name) {
                std::cmp::Ordering::Less => low = mid + 1,
                std::cmp::Ordering::Greater => high = mid,
                std::cmp::Ordering::Equal => return Some(mid),
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_kept_in_order_and_found_by_name() {
        let list = FileList::of(["b.txt", "a/c.txt", "a.txt", "b.txt", "ج/د.md"]);
        let names: Vec<&str> = list.iter().collect();
        assert_eq!(names, ["a.txt", "a/c.txt", "b.txt", "ج/د.md"]);
        assert_eq!(list.position("a/c.txt"), Some(1));
        assert_eq!(list.position("ج/د.md"), Some(3));
        assert_eq!(list.position("c.txt"), None);
        assert_eq!(list.position(""), None);
        assert_eq!(list.get(4), None);
        assert_eq!(FileList::default().position("a"), None);
    }

    #[test]
    fn a_name_out_of_order_is_refused() {
        let mut list = FileList::default();
        assert!(list.push_sorted("b"));
        assert!(!list.push_sorted("a"));
        assert!(!list.push_sorted("b"));
        assert!(list.push_sorted("c"));
        assert_eq!(list.iter().collect::<Vec<_>>(), ["b", "c"]);
    }

    #[test]
    fn texts_keep_the_order_given() {
        let texts: Texts = ["ب", "", "a b"].into_iter().collect();
        assert_eq!(texts.len(), 3);
        assert_eq!(texts.iter().collect::<Vec<_>>(), ["ب", "", "a b"]);
        assert_eq!(texts.get(3), None);
    }
}
