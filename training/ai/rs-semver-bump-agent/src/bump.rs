use crate::error::{ErrorKind, Position};
use crate::{BuildMetadata, Error, Prerelease, Version, VersionReq};

impl Version {
    /// The smallest release with a higher major version than this one.
    ///
    /// A pre-release of a new major version, like `2.0.0-rc.1`, bumps to the
    /// release it precedes (`2.0.0`) rather than skipping past it. Build
    /// metadata is always dropped.
    ///
    /// ```
    /// # use semver::Version;
    /// #
    /// # fn main() -> Result<(), semver::Error> {
    /// assert_eq!(Version::parse("1.4.2")?.next_major()?, Version::new(2, 0, 0));
    /// assert_eq!(Version::parse("2.0.0-rc.1")?.next_major()?, Version::new(2, 0, 0));
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Errors
    ///
    /// Fails if the major version is already `u64::MAX`.
    pub fn next_major(&self) -> Result<Self, Error> {
        if !self.pre.is_empty() && self.minor == 0 && self.patch == 0 {
            return Ok(Version::new(self.major, 0, 0));
        }
        let major = bump(self.major, Position::Major)?;
        Ok(Version::new(major, 0, 0))
    }

    /// The smallest release with a higher minor version than this one, within
    /// the same major version.
    ///
    /// ```
    /// # use semver::Version;
    /// #
    /// # fn main() -> Result<(), semver::Error> {
    /// assert_eq!(Version::parse("1.4.2")?.next_minor()?, Version::new(1, 5, 0));
    /// assert_eq!(Version::parse("1.5.0-beta")?.next_minor()?, Version::new(1, 5, 0));
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Errors
    ///
    /// Fails if the minor version is already `u64::MAX`.
    pub fn next_minor(&self) -> Result<Self, Error> {
        if !self.pre.is_empty() && self.patch == 0 {
            return Ok(Version::new(self.major, self.minor, 0));
        }
        let minor = bump(self.minor, Position::Minor)?;
        Ok(Version::new(self.major, minor, 0))
    }

    /// The smallest release greater than this version with the same major and
    /// minor version.
    ///
    /// For a pre-release this is the release it precedes: `1.2.3-alpha.1`
    /// becomes `1.2.3`.
    ///
    /// # Errors
    ///
    /// Fails if the patch version is already `u64::MAX` and this is not a
    /// pre-release.
    pub fn next_patch(&self) -> Result<Self, Error> {
        if !self.pre.is_empty() {
            return Ok(Version::new(self.major, self.minor, self.patch));
        }
        let patch = bump(self.patch, Position::Patch)?;
        Ok(Version::new(self.major, self.minor, patch))
    }

    /// This version without its pre-release and build metadata.
    ///
    /// Equivalent to:
    ///
    /// ```
    /// # use semver::{BuildMetadata, Prerelease, Version};
    /// #
    /// # fn to_release(v: &Version) -> Version {
    /// Version {
    ///     pre: Prerelease::EMPTY,
    ///     build: BuildMetadata::EMPTY,
    ///     ..v.clone()
    /// }
    /// # }
    /// ```
    pub fn to_release(&self) -> Self {
        Version {
            major: self.major,
            minor: self.minor,
            patch: self.patch,
            pre: Prerelease::EMPTY,
            build: BuildMetadata::EMPTY,
        }
    }
}

fn bump(value: u64, pos: Position) -> Result<u64, Error> {
    match value.checked_add(1) {
        Some(next) => Ok(next),
        None => Err(Error {
            kind: ErrorKind::Overflow(pos),
        }),
    }
}

impl VersionReq {
    /// The greatest of `versions` that this requirement matches, if any.
    ///
    /// Versions are compared by precedence, the same ordering used by
    /// `Version`'s `Ord` impl, so of two versions differing only in build
    /// metadata the one that sorts later is returned.
    ///
    /// ```
    /// # use semver::{Version, VersionReq};
    /// #
    /// # fn main() -> Result<(), semver::Error> {
    /// let published = [
    ///     Version::parse("1.2.0")?,
    ///     Version::parse("1.9.1")?,
    ///     Version::parse("2.0.0")?,
    ///     Version::parse("1.10.0-beta")?,
    /// ];
    /// let req = VersionReq::parse("^1.2")?;
    /// assert_eq!(req.max_matching(&published), Some(&published[1]));
    /// # Ok(())
    /// # }
    /// ```
    pub fn max_matching<'a, I>(&self, versions: I) -> Option<&'a Version>
    where
        I: IntoIterator<Item = &'a Version>,
    {
        versions.into_iter().filter(|v| self.matches(v)).max()
    }

    /// The least of `versions` that this requirement matches, if any.
    pub fn min_matching<'a, I>(&self, versions: I) -> Option<&'a Version>
    where
        I: IntoIterator<Item = &'a Version>,
    {
        versions.into_iter().filter(|v| self.matches(v)).min()
    }
}
