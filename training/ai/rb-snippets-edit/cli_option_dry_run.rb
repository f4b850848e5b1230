    opts.on("--dry-run", "Show what would be deleted without deleting anything") do
      options[:dry_run] = true
    end

    opts.on("--older-than DAYS", Integer, "Only prune backups older than DAYS (default: 30)") do |days|
      if days < 1
        raise OptionParser::InvalidArgument, "--older-than must be at least 1, got #{days}"
      end

      options[:older_than] = days
    end
