import KefuDomain
import KefuPlatform

/// FRD-05: the photos of a stored bag or a held lost item on its record page, and the upload while it is open.
extension FrontDeskPages {
    static func photos(_ m: FrontDeskRecordPageModel, page: PageContext) -> HTML {
        guard FrontDeskPhotoRule.takesPhotos(m.record.register) else { return .empty }
        let l = page.locale
        let shown: [HTML] = m.photos.map { p in
            let preview: HTML = p.contentType.hasPrefix("image/") ? "<img src=\"/attachments/\(p.id)\" alt=\"\(p.fileName)\" loading=\"lazy\">" : "\(p.fileName)"
            return "<figure class=\"photo\"><a href=\"/attachments/\(p.id)\" class=\"photo-link\">\(preview)</a><figcaption>\(p.fileName)</figcaption></figure>"
        }
        let list: HTML = shown.isEmpty
            ? "<p class=\"empty\" id=\"fd-no-photos\">\(Text("没有照片（可选）", "No photo (optional)")(l))</p>"
            : "<div class=\"photo-grid\" id=\"fd-photos\">\(shown)</div>"
        let upload: HTML = m.canAddPhotos ? """
            <form method="post" action="/attachments" enctype="multipart/form-data" class="photo-upload no-print" id="fd-photo-form">\(page.csrfField)
            <input type="hidden" name="ownerKind" value="\(FrontDeskAttachments.ownerKind)"><input type="hidden" name="ownerId" value="\(m.record.id)">
            <input type="hidden" name="label" value="photo">
            <label for="fd-photo">\(Text("拍照或选择照片", "Take or choose a photo"), l)</label><input type="file" name="file" id="fd-photo" accept="image/jpeg,image/png,image/webp" capture="environment">
            <button type="submit" id="fd-photo-upload">\(Text("上传", "Upload"), l)</button></form>
            """ : .empty
        return """
        <section class="photos" id="fd-photo-section" aria-labelledby="fd-photo-title"><h2 id="fd-photo-title">\(Text("照片", "Photos"), l)</h2>
        \(list)
        \(upload)
        </section>
        """
    }
}
