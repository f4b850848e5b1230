# frozen_string_literal: true

module TextTools
  TRANSLIT = {
    "ä" => "ae", "ö" => "oe", "ü" => "ue", "ß" => "ss", "Ä" => "Ae", "Ö" => "Oe", "Ü" => "Ue",
    "æ" => "ae", "Æ" => "Ae", "ø" => "o", "Ø" => "O", "å" => "a", "Å" => "A",
    "œ" => "oe", "Œ" => "Oe", "ł" => "l", "Ł" => "L", "đ" => "d", "Đ" => "D", "þ" => "th"
  }.freeze

  module_function

  def transliterate(str)
    str.each_char.map { |c| TRANSLIT.fetch(c) { strip_accent(c) } }.join
  end

  def strip_accent(char)
    decomposed = char.unicode_normalize(:nfd)
    base = decomposed.gsub(/\p{Mn}/, "")
    base.empty? ? char : base
  end

  def slugify(str, separator: "-", max_length: nil, taken: nil)
    raise ArgumentError, "separator must not be empty" if separator.empty?

    slug = transliterate(str.to_s)
           .downcase
           .gsub(/['’]/, "")
           .gsub(/[^a-z0-9]+/, separator)
           .gsub(/#{Regexp.escape(separator)}{2,}/, separator)
           .delete_prefix(separator)
           .delete_suffix(separator)

    slug = truncate_slug(slug, max_length, separator) if max_length
    slug = "n-a" if slug.empty?
    taken ? uniquify(slug, taken, separator) : slug
  end

  def truncate_slug(slug, max_length, separator)
    return slug if slug.length <= max_length

    cut = slug[0, max_length]
    return cut if slug[max_length] == separator

    boundary = cut.rindex(separator)
    (boundary&.positive? ? cut[0, boundary] : cut).delete_suffix(separator)
  end

  def uniquify(slug, taken, separator)
    return slug unless taken.include?(slug)

    (2..).each do |n|
      candidate = "#{slug}#{separator}#{n}"
      return candidate unless taken.include?(candidate)
    end
  end

  def truncate(str, length, omission: "…", words: true)
    raise ArgumentError, "length must be >= omission length" if length < omission.length
    return str if str.length <= length

    room = length - omission.length
    cut = str[0, room]
    if words && str[room] && str[room] !~ /\s/
      boundary = cut.rindex(/\s/)
      cut = cut[0, boundary] if boundary
    end
    cut.rstrip + omission
  end

  def wrap(text, width: 80, indent: "")
    raise ArgumentError, "width must exceed indent" if width <= indent.length

    text.split(/\n{2,}/).map { |para| wrap_paragraph(para, width, indent) }.join("\n\n")
  end

  def wrap_paragraph(para, width, indent)
    avail = width - indent.length
    lines = [+""]
    para.split.each do |word|
      while word.length > avail
        lines << +"" unless lines.last.empty?
        lines.last << word[0, avail]
        word = word[avail..]
        lines << +""
      end
      next if word.empty?

      if lines.last.empty?
        lines.last << word
      elsif lines.last.length + 1 + word.length <= avail
        lines.last << " " << word
      else
        lines << word.dup
      end
    end
    lines.reject(&:empty?).map { |l| indent + l }.join("\n")
  end

  def word_count(text) = text.scan(/[\p{L}\p{N}]+(?:['’][\p{L}]+)*/).size
end
