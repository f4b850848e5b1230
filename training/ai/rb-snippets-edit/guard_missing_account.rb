  def sync_subscription(user)
    return if user.nil?
    return unless user.billing_account_id

    if user.deleted_at
      logger.info("skipping subscription sync for deleted user #{user.id}")
      return
    end

    account = gateway.fetch_account(user.billing_account_id)
