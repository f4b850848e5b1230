            StatusCode::TOO_MANY_REQUESTS | StatusCode::SERVICE_UNAVAILABLE => {
                // Honour Retry-After when the server sends one (seconds form only).
                let wait = resp
                    .headers()
                    .get(RETRY_AFTER)
                    .and_then(|v| v.to_str().ok())
                    .and_then(|s| s.trim().parse::<u64>().ok())
                    .map(Duration::from_secs)
                    .unwrap_or(self.backoff.next_delay(attempt));
                if wait > self.max_wait {
                    return Err(Error::RateLimited { retry_after: wait });
                }
                tokio::time::sleep(wait).await;
                continue;
            }
