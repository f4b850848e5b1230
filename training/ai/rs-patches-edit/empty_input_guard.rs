    if samples.is_empty() {
        return Err(StatsError::Empty);
    }
    if samples.iter().any(|x| !x.is_finite()) {
        return Err(StatsError::NonFinite);
    }
