/// Observations with one group label each, NaNs dropped with their label (R's complete cases), and the distinct
/// labels present in ascending order (R's `factor(g)` drops empty levels): the input of the k-group tests.
struct GroupedValues {
    let x: [Double]
    let g: [Int]
    let levels: [Int]

    init(_ values: [Double], groups: [Int]) throws {
        guard values.count == groups.count else {
            throw GroupTestError.lengthMismatch(variable: "x", values: values.count, labels: groups.count)
        }
        let keep = values.indices.filter { !values[$0].isNaN }
        x = keep.map { values[$0] }
        g = keep.map { groups[$0] }
        levels = Array(Set(g)).sorted()
    }
}
