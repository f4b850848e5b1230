  # Single-line address for labels and search indexing. Skips blank parts so
  # addresses without a second line or region don't end up with ", ,".
  def full_address
    [street_line1, street_line2, city, [region, postal_code].compact.join(" "), country_code]
      .map { |part| part.to_s.strip }
      .reject(&:empty?)
      .join(", ")
  end
