//! The one sort the crate uses: a stable bottom-up merge sort of `Copy` items.
//!
//! Why not the standard library's: in wasm each `sort_unstable_by` call site compiles a whole
//! pattern-defeating quicksort for its element type and comparator (2–3 KB each, twiggy). This
//! is compiled once per element type, and the comparator is a trait object. O(n log n) and
//! stable, so equal keys keep their order and the diagram layout stays deterministic.

/// Sorts `items` so that no item is `less` than the one before it; equal items keep their order.
pub(crate) fn sort_by<T: Copy>(items: &mut [T], less: &dyn Fn(&T, &T) -> bool) {
    let len = items.len();
    let mut buffer = items.to_vec();
    let mut width = 1;
    while width < len {
        let mut start = 0;
        while start < len {
            let middle = (start + width).min(len);
            let end = (start + 2 * width).min(len);
            let (mut left, mut right) = (start, middle);
            for slot in &mut buffer[start..end] {
                // Take from the right run only when it is strictly less: that keeps it stable.
                if right < end && (left == middle || less(&items[right], &items[left])) {
                    *slot = items[right];
                    right += 1;
                } else {
                    *slot = items[left];
                    left += 1;
                }
            }
            start = end;
        }
        items.copy_from_slice(&buffer);
        width *= 2;
    }
}

/// Sorts in ascending order and drops repeats.
pub(crate) fn sort_dedup(items: &mut Vec<usize>) {
    sort_by(items, &|a, b| a < b);
    items.dedup();
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn agrees_with_the_standard_stable_sort(items in proptest::collection::vec((0u8..8, any::<u16>()), 0..300)) {
            // Sorting by the first field only: the second shows whether equal keys kept their order.
            let mut ours = items.clone();
            sort_by(&mut ours, &|a, b| a.0 < b.0);
            let mut std = items;
            std.sort_by_key(|item| item.0);
            prop_assert_eq!(ours, std);
        }

        #[test]
        fn sort_dedup_is_sorted_and_unique(items in proptest::collection::vec(0usize..50, 0..100)) {
            let mut ours = items.clone();
            sort_dedup(&mut ours);
            let mut std = items;
            std.sort_unstable();
            std.dedup();
            prop_assert_eq!(ours, std);
        }
    }
}
