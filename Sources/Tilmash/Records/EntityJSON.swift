/// The JSON object of an entity as every command writes it — one implementation for `tag`,
/// `index` and `analyze`.
extension Entity {
    /// `{"canonical","end",["file",]"id","source","start","text","type"}` (keys in sorted
    /// order), with `range` as the offsets to print (the caller converts the entity's
    /// scalar range to the unit and the document it reports in).
    public func json(range: Range<Int>, file: String? = nil) -> String {
        var json = "{\"canonical\":" + JSONText.quoted(canonical) + ",\"end\":\(range.upperBound)"
        if let file { json += ",\"file\":" + JSONText.quoted(file) }
        json += ",\"id\":" + JSONText.quoted(id) + ",\"source\":\"" + source.rawValue + "\",\"start\":\(range.lowerBound)"
        json += ",\"text\":" + JSONText.quoted(text) + ",\"type\":\"" + type.rawValue + "\"}"
        return json
    }
}
