//! What the explorer lists of an index: every file it indexed, in name
//! order, and where each one's record is, so that a file's title, outlet and
//! date are read from its record when the file is shown — never all at once.
//!
//! Decoding every record to list a 404,140-file archive took 1.6 s and 506
//! MB of heap; the listing keeps a name's bytes and sixteen more a file.

use std::collections::HashMap;

use super::events::{EventsAt, ReadError, Segments};
use super::manifest::FileEntry;
use crate::catalog::Described;
use crate::filelist::FileList;

/// Where a file's record is: its segment (an index into the listing's
/// segment ids), its block's bytes in it, and its slot in the block.
#[derive(Debug, Clone, Copy)]
struct Place {
    offset: u64,
    len: u32,
    segment: u16,
    slot: u16,
}

/// The files of an index's commit and the means to describe each.
#[derive(Debug, Default)]
pub struct Listing {
    /// Every indexed file, in name order.
    pub files: FileList,
    /// Where each file's record is, in the same order.
    pub records: RecordPlaces,
}

/// Where the record of each file of a [`Listing`] is, by its position.
#[derive(Debug, Default)]
pub struct RecordPlaces {
    places: Vec<Place>,
    segment_ids: Vec<u64>,
    segments: Segments,
    /// The descriptions made again at the load, of files `sources.toml` now
    /// describes otherwise than when they were indexed: their records'
    /// are stale.
    redated: HashMap<usize, Described>,
}

impl RecordPlaces {
    /// What sanad knows of file `i`, named `name`, read from its record
    /// now; why not, naming the file.
    pub fn describe(&self, i: usize, name: &str) -> Result<Described, String> {
        if let Some(described) = self.redated.get(&i) {
            return Ok(described.clone());
        }
        let Some(place) = self.places.get(i) else {
            return Err(format!("{name} is not in the index's listing"));
        };
        let Some(&segment) = self.segment_ids.get(usize::from(place.segment)) else {
            return Err(format!("the timeline record of {name} is in no segment"));
        };
        let at = EventsAt {
            segment,
            offset: place.offset,
            len: place.len,
            slot: u32::from(place.slot),
        };
        Ok(self.segments.record(name, at)?.described)
    }
}

/// A listing made from a manifest read as a stream, in name order.
#[derive(Default)]
pub(super) struct Builder {
    listing: Listing,
    segment_of: HashMap<u64, u16>,
}

impl Builder {
    /// Adds the file `rel` if it was indexed (it has a record).
    pub(super) fn push(&mut self, rel: &str, entry: &FileEntry) {
        let Some(at) = entry.events else {
            return;
        };
        let (files, records) = (&mut self.listing.files, &mut self.listing.records);
        // A commit has at most a few dozen segments (they are compacted
        // past [`super::events`]' limit) and a block a few thousand slots:
        // a place beyond either is damage, and its file is not listed.
        let next = u16::try_from(self.segment_of.len()).unwrap_or(u16::MAX);
        let (Ok(slot), true) = (u16::try_from(at.slot), next < u16::MAX) else {
            return;
        };
        let segment = *self.segment_of.entry(at.segment).or_insert_with(|| {
            records.segment_ids.push(at.segment);
            next
        });
        // The manifest is in name order: a name out of order is dropped
        // rather than listed where a search by name would not find it.
        if files.push_sorted(rel) {
            records.places.push(Place {
                offset: at.offset,
                len: at.len,
                segment,
                slot,
            });
        }
    }

    /// The position of `rel` among the files pushed so far.
    pub(super) fn position(&self, rel: &str) -> Option<usize> {
        self.listing.files.position(rel)
    }

    /// The listing, its segments opened in `generation`, with the
    /// descriptions made again at the load.
    pub(super) fn finish(
        self,
        generation: &std::path::Path,
        redated: HashMap<usize, Described>,
    ) -> Result<Listing, ReadError> {
        let mut listing = self.listing;
        let records = &mut listing.records;
        records.segments = Segments::open(generation, records.segment_ids.iter().copied())?;
        records.redated = redated;
        Ok(listing)
    }
}
