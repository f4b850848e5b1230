# frozen_string_literal: true

require "validator"

RSpec.describe "Validator nested schemas" do
  let(:address) do
    Validator::Schema.define do
      string(:street).min(1)
      string(:zip).format(/\A\d{5}\z/)
    end
  end

  let(:schema) do
    addr = address
    Validator::Schema.define do
      string :name
      hash :address, schema: addr
      hash(:meta, required: false) { string(:source, required: false) }
      array(:tags, required: false).max(3)
      array(:contacts, required: false, of: Validator::Schema.define { string(:phone).min(7) })
    end
  end

  let(:input) do
    { name: "Shop", address: { street: "Main St 1", zip: "12345" } }
  end

  it "validates a correct nested document" do
    result = schema.validate(input)
    expect(result).to be_valid
    expect(result.value).to eq(name: "Shop", address: { street: "Main St 1", zip: "12345" })
  end

  it "prefixes nested error paths with the parent key" do
    result = schema.validate(input.merge(address: { street: "", zip: "1" }))
    expect(result.messages).to contain_exactly("address.street: must be at least 1", "address.zip: has invalid format")
  end

  it "reports missing nested keys" do
    result = schema.validate(input.merge(address: {}))
    expect(result.errors.map(&:path)).to eq(%w[address.street address.zip])
  end

  it "requires the nested hash itself" do
    expect(schema.validate(name: "Shop").messages).to eq(["address: is required"])
  end

  it "rejects a non-hash where a nested hash is expected" do
    expect(schema.validate(input.merge(address: "Main St")).messages).to eq(["address: must be a hash"])
  end

  it "supports inline block schemas" do
    result = schema.validate(input.merge(meta: { source: "import" }))
    expect(result.value[:meta]).to eq(source: "import")
  end

  describe "arrays" do
    it "applies max to the array length" do
      result = schema.validate(input.merge(tags: %w[a b c d]))
      expect(result.messages).to eq(["tags: must be at most 3"])
    end

    it "passes through arrays without an item schema" do
      expect(schema.validate(input.merge(tags: %w[a b])).value[:tags]).to eq(%w[a b])
    end

    it "validates each item against the item schema with an indexed path" do
      contacts = [{ phone: "5551234" }, { phone: "12" }, {}]
      result = schema.validate(input.merge(contacts: contacts))
      expect(result.messages).to eq(["contacts[1].phone: must be at least 7", "contacts[2].phone: is required"])
    end

    it "returns the cleaned items" do
      result = schema.validate(input.merge(contacts: [{ "phone" => "5551234", "junk" => 1 }]))
      expect(result.value[:contacts]).to eq([{ phone: "5551234" }])
    end

    it "rejects a non-array" do
      expect(schema.validate(input.merge(tags: "a,b")).messages).to eq(["tags: must be an array"])
    end
  end

  it "still works as a Hash key (Schema#hash without arguments)" do
    expect({ address => 1 }[address]).to eq(1)
  end

  describe Validator::Error do
    it "formats with a path" do
      expect(described_class.new("a.b", "is bad").to_s).to eq("a.b: is bad")
    end

    it "formats without a path" do
      expect(described_class.new("", "is bad").to_s).to eq("is bad")
    end
  end
end
