//! The source view's layout cache: the blocks laid out so far for one
//! document at one width, least recently used evicted past a byte budget, so
//! memory follows the screen and not the document.

use std::collections::HashMap;
use std::ops::Range;

use super::view::{Block, Mark};
use crate::bidi::{Cell, LayoutOptions, VisualLine};

/// What the layout cache may hold, in (estimated) bytes: a few screens of short
/// paragraphs' lines, or several pieces of a huge paragraph.
pub const CACHE_BYTES: usize = 16 << 20;

/// Bytes an entry costs besides its lines: the key, the map slot.
const ENTRY_OVERHEAD: usize = 128;

/// Marks of one block, relative to its start: the cache key beside the block.
pub(super) type Marks = Vec<(Range<usize>, Mark)>;

#[derive(Debug)]
struct Entry {
    lines: Vec<VisualLine<Mark>>,
    bytes: usize,
    /// When it was last used ([`LayoutCache::clock`]), for evicting the oldest.
    used: u64,
}

/// Laid-out blocks of one document at one set of layout options, keyed by
/// block and marks, least recently used evicted past [`CACHE_BYTES`].
#[derive(Debug, Default)]
pub struct LayoutCache {
    /// The document and options every entry was laid out for; asking for
    /// another drops them all (a resize leaves nothing of the old width).
    made_for: Option<(usize, LayoutOptions)>,
    entries: HashMap<(Block, Marks), Entry>,
    bytes: usize,
    clock: u64,
}

impl LayoutCache {
    /// Drops every entry: the documents changed under their indices.
    pub fn clear(&mut self) {
        self.made_for = None;
        self.entries.clear();
        self.bytes = 0;
    }

    /// Estimated bytes held.
    pub fn bytes(&self) -> usize {
        self.bytes
    }

    /// Blocks held.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Keeps the entries only if they were made for `doc` at `options`.
    pub(super) fn serve(&mut self, doc: usize, options: LayoutOptions) {
        if self.made_for != Some((doc, options)) {
            self.clear();
            self.made_for = Some((doc, options));
        }
    }

    /// The lines of `block` with `marks`, laid out by `lay_out` on a miss.
    pub(super) fn lines(
        &mut self,
        block: Block,
        marks: Marks,
        lay_out: impl FnOnce(&Marks) -> Vec<VisualLine<Mark>>,
    ) -> &[VisualLine<Mark>] {
        self.clock += 1;
        let key = (block, marks);
        if !self.entries.contains_key(&key) {
            let lines = lay_out(&key.1);
            let bytes = estimated_bytes(&lines);
            self.make_room(bytes);
            self.bytes += bytes;
            self.entries.insert(
                key.clone(),
                Entry {
                    lines,
                    bytes,
                    used: 0,
                },
            );
        }
        match self.entries.get_mut(&key) {
            Some(entry) => {
                entry.used = self.clock;
                &entry.lines
            }
            None => &[],
        }
    }

    /// Evicts the least recently used entries until `incoming` more bytes fit,
    /// down to three quarters of the budget so that evicting is not redone at
    /// every miss.
    fn make_room(&mut self, incoming: usize) {
        if self.bytes + incoming <= CACHE_BYTES {
            return;
        }
        let mut by_age: Vec<(u64, (Block, Marks))> = self
            .entries
            .iter()
            .map(|(key, entry)| (entry.used, key.clone()))
            .collect();
        by_age.sort_unstable_by_key(|(used, _)| *used);
        for (_, key) in by_age {
            if self.bytes + incoming <= CACHE_BYTES * 3 / 4 {
                break;
            }
            if let Some(entry) = self.entries.remove(&key) {
                self.bytes -= entry.bytes;
            }
        }
    }
}

/// What laid-out lines cost on the heap, near enough to bound the cache.
fn estimated_bytes(lines: &[VisualLine<Mark>]) -> usize {
    ENTRY_OVERHEAD
        + lines
            .iter()
            .map(|l| {
                std::mem::size_of::<VisualLine<Mark>>()
                    + l.text.capacity()
                    + l.cells.capacity() * std::mem::size_of::<Cell<Mark>>()
            })
            .sum::<usize>()
}
