import NWBKit

/// Checks of ImageSeries storage, Images containers and PlaneSegmentation masks.
enum ImageChecks {
    static let all: [BestPracticeCheck] = [
        DomainChecks.typed(
            "check_image_series_data_size", .bestPracticeViolation, "ImageSeries",
            "data over 20 GB stored inside the file (TwoPhotonSeries excepted): external mode suits it",
            checkImageSeriesDataSize),
        DomainChecks.typed(
            "check_image_series_starting_frame_without_external_file", .bestPracticeViolation, "ImageSeries",
            "starting_frame is stored without an external_file", checkImageSeriesStartingFrameWithoutExternalFile),
        DomainChecks.typed(
            "check_order_of_images_unique", .bestPracticeViolation, "Images", "order_of_images names an image twice",
            checkOrderOfImagesUnique),
        DomainChecks.typed(
            "check_order_of_images_len", .bestPracticeViolation, "Images",
            "order_of_images is not as long as the number of images", checkOrderOfImagesLen),
        BestPracticeCheck(
            "check_plane_segmentation_image_mask_shape_against_ref_images", .bestPracticeViolation,
            "image_mask's image shape differs from a reference image's", appliesTo: "PlaneSegmentation",
            run: checkPlaneSegmentationImageMaskShapeAgainstRefImages),
    ]

    /// The images an Images container holds (its Image members).
    static func images(_ file: SummaryIndex, _ container: ObjectEntry) -> [ObjectEntry] {
        file.members(container.path).filter { member in
            let target = member.kind == "soft_link" ? member.target.flatMap(file.entry) : member
            return file.isA(target?.neurodataType, "Image")
        }
    }
}

/// The checks, one function each (registered in `all` with their importance and the type they look at).
extension ImageChecks {
    /// `check_image_series_data_size`: flags data over 20 GB stored inside the file (TwoPhotonSeries excepted).
    static func checkImageSeriesDataSize(_ file: SummaryIndex, _ series: ObjectEntry) -> String? {
        guard !file.isA(series.neurodataType, "TwoPhotonSeries"), let data = file.member(series.path, "data"),
            data.kind == "dataset", let count = data.elementCount
        else { return nil }
        let compressed = data.filters?.contains { StorageChecks.compressionFilters.contains(Int($0.id)) } ?? false
        let bytes = compressed ? Double(data.storedBytes ?? 0) : Double(count) * Double(StorageChecks.itemSize(data))
        return bytes / 1e9 > 20 ? "ImageSeries is very large. Consider using external mode for better storage." : nil
    }

    /// `check_image_series_starting_frame_without_external_file`: flags starting_frame stored without an external_file.
    static func checkImageSeriesStartingFrameWithoutExternalFile(_ file: SummaryIndex, _ series: ObjectEntry) -> String? {
        guard file.member(series.path, "external_file") == nil else { return nil }
        let stored = series.attribute("starting_frame") ?? file.member(series.path, "starting_frame")?.value
        guard let stored, !(stored.texts.isEmpty && stored.number == nil), stored != .array([]) else { return nil }
        return
            "ImageSeries has starting_frame set but no external_file. starting_frame is only relevant when using external files."
    }

    /// The references `order_of_images` holds, when the summary lists them all.
    static func order(_ file: SummaryIndex, _ container: ObjectEntry) -> (count: Int, references: [String]?)? {
        guard let order = file.member(container.path, "order_of_images"), order.kind == "dataset" else { return nil }
        let count = order.shape?.first ?? 0
        guard case .array(let items)? = order.value, items.count == count else { return (count, nil) }
        let references = items.compactMap { item -> String? in
            guard case .object(let reference) = item, case .string(let path)? = reference["reference"] else { return nil }
            return path
        }
        return (count, references.count == count ? references : nil)
    }

    /// `check_order_of_images_unique`: flags when order_of_images names an image twice.
    static func checkOrderOfImagesUnique(_ file: SummaryIndex, _ container: ObjectEntry) -> String? {
        guard let references = order(file, container)?.references, Set(references).count != references.count else {
            return nil
        }
        return "order_of_images should have unique values."
    }

    /// `check_order_of_images_len`: flags when order_of_images is not as long as the number of images.
    static func checkOrderOfImagesLen(_ file: SummaryIndex, _ container: ObjectEntry) -> String? {
        guard let count = order(file, container)?.count else { return nil }
        let images = images(file, container).count
        guard count != images else { return nil }
        return "Length of order_of_images (\(count)) does not match the number of images (\(images))."
    }

    /// `check_plane_segmentation_image_mask_shape_against_ref_images`: flags each reference image (each
    /// distinct target, however many links name it) whose shape past the first dimension differs from
    /// image_mask's.
    static func checkPlaneSegmentationImageMaskShapeAgainstRefImages(_ file: SummaryIndex) -> [CheckHit] {
        file.objects(ofType: "PlaneSegmentation").flatMap { segmentation -> [CheckHit] in
            guard file.columnNames(segmentation).contains("image_mask"),
                let mask = file.member(segmentation.path, "image_mask")?.shape,
                let references = file.member(segmentation.path, "reference_images")
            else { return [] }
            let maskShape = Array(mask.dropFirst())
            // `reference_images` may itself link to one image series; several links to one image are one image.
            let members =
                file.isA(references.neurodataType, "ImageSeries") || file.isA(references.neurodataType, "Image")
                ? [references] : file.members(references.path)
            var seen = Set<String>()
            return members.compactMap { member -> CheckHit? in
                let image = member.kind == "soft_link" ? member.target.flatMap(file.entry) : member
                guard let image, seen.insert(image.path).inserted else { return nil }
                // pynwb gives an ImageSeries without data (external mode) an empty (0, 0, 0) array.
                let stored = file.member(image.path, "data")?.shape
                guard let shape = stored ?? (file.isA(image.neurodataType, "ImageSeries") ? [0, 0, 0] : nil),
                    Array(shape.dropFirst()) != maskShape
                else { return nil }
                return CheckHit(
                    segmentation.path, segmentation.neurodataType,
                    "image_mask of shape \(NumpyText.tuple(maskShape)) does not match reference image \(member.name) with shape \(NumpyText.tuple(Array(shape.dropFirst())))."
                )
            }
        }
    }
}
