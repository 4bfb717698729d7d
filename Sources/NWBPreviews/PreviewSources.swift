import NWBKit

/// What in a file can have a preview, found from its summary alone (types and shapes; no values).
enum PreviewSource {
    /// A summary image: a two-dimensional dataset (grey), or three-dimensional with 3 or 4 values per
    /// pixel (RGB, RGBA).
    case image(ObjectEntry)
    /// An image series' `data` with at least one frame of at least one pixel.
    case firstFrame(series: ObjectEntry, data: ObjectEntry)
    /// A `PlaneSegmentation` with `image_mask` (ROIs × rows × columns) or `pixel_mask` (x, y, weight rows
    /// with their `pixel_mask_index`).
    case roiMasks(table: ObjectEntry, imageMask: ObjectEntry?, pixelMask: ObjectEntry?, pixelMaskIndex: ObjectEntry?)

    /// NWB's image types; types that extend `Image` (from the file's specifications) count too.
    static let imageTypes: Set<String> = ["Image", "GrayscaleImage", "RGBImage", "RGBAImage"]

    /// The file's sources: summary images first (in file order), then ROI masks, then first frames.
    static func find(in file: SummaryIndex) -> [PreviewSource] {
        var images: [PreviewSource] = []
        var masks: [PreviewSource] = []
        var frames: [PreviewSource] = []
        for object in file.typedObjects {
            let type = object.neurodataType
            if object.kind == "dataset", imageTypes.contains(type ?? "") || file.isA(type, "Image"),
                let shape = object.shape, isImageShape(shape)
            {
                images.append(.image(object))
            } else if object.kind == "group", file.isA(type, "ImageSeries"), let data = file.member(object.path, "data"),
                let shape = data.shape, shape.count == 3 || shape.count == 4, shape.allSatisfy({ $0 > 0 })
            {
                frames.append(.firstFrame(series: object, data: data))
            } else if object.kind == "group", file.isA(type, "PlaneSegmentation") {
                let imageMask = file.member(object.path, "image_mask").flatMap { $0.shape?.count == 3 ? $0 : nil }
                let pixelMask = file.member(object.path, "pixel_mask").flatMap { $0.shape?.count == 1 ? $0 : nil }
                let index = file.member(object.path, "pixel_mask_index")
                if imageMask != nil || (pixelMask != nil && index?.shape?.count == 1) {
                    masks.append(.roiMasks(table: object, imageMask: imageMask, pixelMask: pixelMask, pixelMaskIndex: index))
                }
            }
        }
        return images + masks + frames
    }

    /// Rows × columns, or rows × columns × 3 or 4, every side at least one pixel.
    static func isImageShape(_ shape: [Int]) -> Bool {
        guard shape.allSatisfy({ $0 > 0 }) else { return false }
        return shape.count == 2 || (shape.count == 3 && (shape[2] == 3 || shape[2] == 4))
    }
}
