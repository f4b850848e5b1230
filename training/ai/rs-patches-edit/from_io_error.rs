impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        match e.kind() {
            std::io::ErrorKind::NotFound => Error::Missing(e.to_string()),
            std::io::ErrorKind::PermissionDenied => Error::Permission(e.to_string()),
            _ => Error::Io(e),
        }
    }
}
