/// The first index in `0..<count` where `isBefore` turns false; `isBefore` must hold for a prefix of
/// the indexes and fail for the rest. The one binary search behind every "which token, sentence or
/// mention is at this offset" question, so that no lookup costs a scan of the article.
func partitionPoint(_ count: Int, _ isBefore: (Int) -> Bool) -> Int {
    var low = 0, high = count
    while low < high {
        let mid = (low + high) / 2
        if isBefore(mid) { low = mid + 1 } else { high = mid }
    }
    return low
}
