//! Spreading CPU work over the machine's cores. A 1,000-decision batch is read and prepared
//! item by item, and each item is independent; on two cores that halves the time a batch
//! waits before its transaction (docs/performance.md, "Ingest"). The work runs on rayon's
//! pool, kept for the life of the process: threads started for each batch cost little to
//! start but each warmed a fresh allocator heap, page by page, on every batch.

use rayon::prelude::*;

/// `f(index, item)` for every item, in order, on the pool's threads. Lists shorter than
/// `min_parallel` stay on the calling thread, where handing work over would cost more than it
/// saves. A panic in `f` is raised again here, as if the work had run on this thread.
pub fn map_in_parts<T: Send, R: Send>(
    items: Vec<T>,
    min_parallel: usize,
    f: impl Fn(usize, T) -> R + Sync + Send,
) -> Vec<R> {
    if rayon::current_num_threads() == 1 || items.len() < min_parallel.max(2) {
        return items
            .into_iter()
            .enumerate()
            .map(|(i, t)| f(i, t))
            .collect();
    }
    items
        .into_par_iter()
        .enumerate()
        .map(|(i, t)| f(i, t))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_item_is_mapped_once_in_order_with_its_index() {
        for n in [0, 1, 5, 63, 64, 1000, 1001] {
            let items: Vec<usize> = (0..n).collect();
            let mapped = map_in_parts(items, 64, |i, t| {
                assert_eq!(i, t);
                (std::thread::current().id(), t * 2)
            });
            assert_eq!(
                mapped.iter().map(|(_, t)| *t).collect::<Vec<_>>(),
                (0..n).map(|t| t * 2).collect::<Vec<_>>()
            );
        }
    }

    #[test]
    #[should_panic(expected = "item 700")]
    fn a_panic_in_a_part_reaches_the_caller() {
        map_in_parts((0..1000).collect(), 64, |_, t: usize| {
            assert!(t != 700, "item {t}");
        });
    }
}
