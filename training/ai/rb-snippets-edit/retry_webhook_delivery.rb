  MAX_ATTEMPTS = 4
  RETRYABLE_ERRORS = [Net::OpenTimeout, Net::ReadTimeout, Errno::ECONNREFUSED, Errno::ECONNRESET].freeze

  def deliver(event)
    attempts = 0
    begin
      attempts += 1
      response = http.post(endpoint.path, event.to_json, "Content-Type" => "application/json")
      raise RetryableResponse, response.code if response.code.to_i >= 500

      record_delivery(event, status: response.code.to_i, attempts: attempts)
    rescue *RETRYABLE_ERRORS, RetryableResponse => e
      if attempts < MAX_ATTEMPTS
        sleep(backoff_for(attempts))
        retry
      end

      record_delivery(event, status: nil, attempts: attempts, error: e.message)
      raise DeliveryFailed, "webhook #{event.id} failed after #{attempts} attempts"
    end
  end

  def backoff_for(attempt)
    base = 0.5 * (2**(attempt - 1))
    base + rand * base / 2
  end
