//! Order-keeping parallel maps over slices, for the work that touches every
//! file of an archive: statting it, reading it, finding its dates.
//!
//! rayon splits the work and balances it; this module only decides when it is
//! worth other threads, and on which.

use std::sync::OnceLock;

use rayon::prelude::*;

/// At most this many threads: the cap the maps were measured with.
const MAX_THREADS: usize = 4;

/// `items.iter().map(f)`, on up to four threads when there are at least
/// `min_parallel` items; results in the order of `items`. Fewer items stay on
/// the calling thread (handing them over would cost more than it saves), and
/// so does everything when no thread can be started.
pub fn map_in_order<T: Sync, R: Send>(
    items: &[T],
    min_parallel: usize,
    f: impl Fn(&T) -> R + Sync + Send,
) -> impl Iterator<Item = R> {
    // The length first: a small corpus never starts the pool's threads.
    let pool = (items.len() >= min_parallel.max(2)).then(pool).flatten();
    let results: Vec<R> = match pool {
        Some(pool) => pool.install(|| items.par_iter().map(f).collect()),
        None => items.iter().map(f).collect(),
    };
    results.into_iter()
}

/// sanad's own pool, started at its first use; `None` on a single core or
/// when its threads cannot be started. Not rayon's global pool: that one
/// panics at first use when it cannot start its threads, and a library should
/// leave its size to the program that links it.
fn pool() -> Option<&'static rayon::ThreadPool> {
    static POOL: OnceLock<Option<rayon::ThreadPool>> = OnceLock::new();
    POOL.get_or_init(|| {
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(MAX_THREADS));
        if threads < 2 {
            return None;
        }
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .thread_name(|i| format!("sanad-map-{i}"))
            .build()
            .ok()
    })
    .as_ref()
}

#[cfg(test)]
mod tests {
    use super::map_in_order;

    #[test]
    fn keeps_the_order_of_the_items() {
        let items: Vec<u32> = (0..10_000).collect();
        let doubled: Vec<u32> = map_in_order(&items, 100, |x| x * 2).collect();
        assert_eq!(doubled, items.iter().map(|x| x * 2).collect::<Vec<_>>());
        let few: Vec<u32> = map_in_order(&items[..3], 100, |x| x + 1).collect();
        assert_eq!(few, [1, 2, 3]);
        assert_eq!(map_in_order(&[] as &[u32], 0, |x| *x).count(), 0);
    }

    #[test]
    fn few_items_stay_on_the_calling_thread() {
        let caller = std::thread::current().id();
        let items = [1, 2, 3];
        assert!(map_in_order(&items, 4, |_| std::thread::current().id()).all(|id| id == caller));
    }
}
