//! Sorting the lists the engine keeps (the facts a condition reads, a
//! fact's probe answers). They are short in any real pack, where an
//! insertion sort is as fast as any; but a crafted compiled pack can make
//! one a million long, where an insertion sort takes hours. So a long list
//! is heap-sorted: a few lines, worst case `n log n`, and unlike
//! `sort_unstable` no quicksort per item type in the browser's wasm (about
//! 3 KB each).

/// Up to this many items, insertion sort.
const SHORT: usize = 32;

/// Sorts `v` ascending and removes repeats.
pub(crate) fn sort_dedup<T: Ord>(v: &mut Vec<T>) {
    if v.len() <= SHORT {
        insertion_sort(v);
    } else {
        heap_sort(v);
    }
    v.dedup();
}

fn insertion_sort<T: Ord>(v: &mut [T]) {
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 && v[j - 1] > v[j] {
            v.swap(j - 1, j);
            j -= 1;
        }
    }
}

fn heap_sort<T: Ord>(v: &mut [T]) {
    // Moves v[root] down until it is at least both its children, in v[..end].
    fn sift_down<T: Ord>(v: &mut [T], mut root: usize, end: usize) {
        loop {
            let mut child = 2 * root + 1;
            if child >= end {
                return;
            }
            if child + 1 < end && v[child] < v[child + 1] {
                child += 1;
            }
            if v[root] >= v[child] {
                return;
            }
            v.swap(root, child);
            root = child;
        }
    }
    for root in (0..v.len() / 2).rev() {
        sift_down(v, root, v.len());
    }
    for end in (1..v.len()).rev() {
        v.swap(0, end);
        sift_down(v, 0, end);
    }
}

#[cfg(test)]
mod tests {
    use super::sort_dedup;

    #[test]
    fn sorts_and_removes_repeats() {
        let mut v = vec![5, 1, 4, 1, 5, 9, 2, 6, 5, 3];
        sort_dedup(&mut v);
        assert_eq!(v, [1, 2, 3, 4, 5, 6, 9]);
        let mut empty: Vec<u8> = Vec::new();
        sort_dedup(&mut empty);
        assert!(empty.is_empty());
    }

    #[test]
    fn long_lists_sort_as_the_standard_sort_does() {
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        for len in [33, 100, 1000, 4097] {
            let mut v: Vec<u32> = (0..len)
                .map(|_| {
                    state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                    (state >> 40) as u32 % 50
                })
                .collect();
            let mut expected = v.clone();
            expected.sort();
            expected.dedup();
            sort_dedup(&mut v);
            assert_eq!(v, expected, "{len}");
        }
    }

    /// A crafted pack's condition can read a million facts, in the worst
    /// order for an insertion sort (about 10^11 swaps): quick all the same.
    #[test]
    fn a_million_items_in_reverse_order_sort_quickly() {
        let mut v: Vec<usize> = (0..1_000_000).rev().map(|i| i % 7_000).collect();
        let start = std::time::Instant::now();
        sort_dedup(&mut v);
        assert_eq!(v, (0..7_000).collect::<Vec<_>>());
        assert!(start.elapsed() < std::time::Duration::from_secs(10), "{:?}", start.elapsed());
    }
}
