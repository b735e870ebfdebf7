//! Sorting the short lists the engine keeps (the facts a condition reads,
//! a fact's probe answers): an insertion sort, which is as fast as any for a
//! handful of items and, unlike `sort_unstable`, adds no quicksort per item
//! type to the browser's wasm (about 3 KB each).

/// Sorts `v` ascending and removes repeats.
pub(crate) fn sort_dedup<T: Ord>(v: &mut Vec<T>) {
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 && v[j - 1] > v[j] {
            v.swap(j - 1, j);
            j -= 1;
        }
    }
    v.dedup();
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
}
