def handle_upload(request, storage):
    upload = request.files.get("file")
    if upload is None:
        return jsonify(error="No file was uploaded."), 400

    # Reject oversized and unexpected files before touching storage.
    if request.content_length and request.content_length > MAX_UPLOAD_BYTES:
        return jsonify(error=f"File exceeds {MAX_UPLOAD_BYTES // (1024 * 1024)} MB limit."), 413

    ext = os.path.splitext(upload.filename or "")[1].lower()
    if ext not in ALLOWED_EXTENSIONS:
        return jsonify(error=f"Unsupported file type: {ext or 'none'}"), 415

    key = storage.save(upload, prefix=request.user.id)
    return jsonify(key=key), 201
