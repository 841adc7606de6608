//! Order-keeping parallel maps over slices, for the work that touches every
//! file of an archive: statting it, reading it, finding its dates.
//!
//! Plain scoped threads, one contiguous chunk each: the work is even enough
//! that stealing would not pay for a new dependency.

/// `items.iter().map(f)`, on up to four threads when there are at least
/// `min_parallel` items; results in the order of `items`, handed over chunk by
/// chunk (each chunk is freed as it is consumed, so a caller that keeps the
/// results holds them once). A thread that cannot be started, or that panics,
/// leaves its chunk to the calling thread.
pub fn map_in_order<T: Sync, R: Send>(
    items: &[T],
    min_parallel: usize,
    f: impl Fn(&T) -> R + Sync,
) -> impl Iterator<Item = R> {
    map_chunks(items, min_parallel, f).into_iter().flatten()
}

fn map_chunks<T: Sync, R: Send>(
    items: &[T],
    min_parallel: usize,
    f: impl Fn(&T) -> R + Sync,
) -> Vec<Vec<R>> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
    if items.len() < min_parallel.max(2) || threads < 2 {
        return vec![items.iter().map(&f).collect()];
    }
    let chunk = items.len().div_ceil(threads);
    let f = &f;
    std::thread::scope(|scope| {
        let parts: Vec<_> = items
            .chunks(chunk)
            .map(|part| {
                let worker = std::thread::Builder::new()
                    .spawn_scoped(scope, move || part.iter().map(f).collect::<Vec<R>>());
                (part, worker)
            })
            .collect();
        parts
            .into_iter()
            .map(|(part, worker)| {
                worker
                    .ok()
                    .and_then(|handle| handle.join().ok())
                    .unwrap_or_else(|| part.iter().map(f).collect())
            })
            .collect()
    })
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
}
