/// GetObject and HeadObject with `partNumber`: "effectively performs a 'ranged' GET request for
/// the part specified" (AWS's GetObject reference). An object assembled from N parts answers part
/// n's bytes with `x-amz-mp-parts-count: N`; an object stored whole has one part, itself.
extension S3Service {
    /// The bytes part `number` of `object` covers, and the object's part count when it has parts.
    /// Parts are counted by position in the completed object, the order CompleteMultipartUpload listed them.
    static func partRange(of object: Object, number: Int) throws(AWSError) -> (range: ObjectRange?, partsCount: Int?) {
        guard partNumbers.contains(number) else {
            throw AWSError("InvalidArgument", "Part number must be an integer between 1 and 10000, inclusive")
        }
        let sizes = object.partSizes ?? [object.size]
        guard number <= sizes.count else { throw AWSError("InvalidPartNumber", "The requested partnumber is not satisfiable") }
        // An empty object's one part has no bytes to name in a Content-Range.
        guard object.size > 0 else { return (nil, object.partSizes?.count) }
        let start = sizes[..<(number - 1)].reduce(0, +)
        return (ObjectRange(bytes: start..<(start + sizes[number - 1]), size: object.size), object.partSizes?.count)
    }
}
