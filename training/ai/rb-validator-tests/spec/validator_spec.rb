# frozen_string_literal: true

require "validator"

RSpec.describe Validator::Schema do
  let(:schema) do
    described_class.define do
      string(:name).min(2).max(40)
      integer(:age, required: false).check("must be positive", &:positive?)
      string(:email).format(/\A[^@\s]+@[^@\s]+\.[a-z]{2,}\z/i, "is not an email")
      string(:role, default: "member").one_of("admin", "member", "guest")
      boolean(:newsletter, required: false)
    end
  end

  let(:valid_input) { { name: "Ada", email: "ada@example.com" } }

  describe "#validate" do
    context "with valid input" do
      subject(:result) { schema.validate(valid_input) }

      it { is_expected.to be_valid }

      it "returns no errors" do
        expect(result.errors).to be_empty
      end

      it "fills in defaults" do
        expect(result.value[:role]).to eq("member")
      end

      it "omits optional fields that were not given" do
        expect(result.value).not_to have_key(:age)
        expect(result.value).not_to have_key(:newsletter)
      end

      it "accepts string keys as well as symbol keys" do
        result = schema.validate("name" => "Ada", "email" => "ada@example.com")
        expect(result).to be_valid
        expect(result.value[:name]).to eq("Ada")
      end
    end

    context "when required fields are missing" do
      subject(:result) { schema.validate({}) }

      it { is_expected.not_to be_valid }

      it "reports each missing field" do
        expect(result.messages).to contain_exactly("name: is required", "email: is required")
      end

      it "does not report fields that have defaults" do
        expect(result.messages.join).not_to include("role")
      end

      it "returns nil as the value" do
        expect(result.value).to be_nil
      end
    end

    context "when a required field is explicitly nil" do
      it "treats it as missing" do
        result = schema.validate(valid_input.merge(name: nil))
        expect(result.messages).to eq(["name: is required"])
      end
    end

    context "with wrong types" do
      it "rejects a number where a string is expected" do
        result = schema.validate(valid_input.merge(name: 42))
        expect(result.messages).to eq(["name: must be a string"])
      end

      it "uses 'an' for integer" do
        result = schema.validate(valid_input.merge(age: "old"))
        expect(result.messages).to eq(["age: must be an integer"])
      end

      it "coerces numeric strings to integers" do
        result = schema.validate(valid_input.merge(age: "42"))
        expect(result.value[:age]).to eq(42)
      end

      it "coerces 'true'/'false' strings to booleans" do
        expect(schema.validate(valid_input.merge(newsletter: "false")).value[:newsletter]).to be(false)
        expect(schema.validate(valid_input.merge(newsletter: true)).value[:newsletter]).to be(true)
      end

      it "rejects other strings as booleans" do
        result = schema.validate(valid_input.merge(newsletter: "yes"))
        expect(result.messages).to eq(["newsletter: must be a boolean"])
      end

      it "skips rules when the type is wrong" do
        result = schema.validate(valid_input.merge(name: 1))
        expect(result.errors.size).to eq(1)
      end
    end

    context "with rule violations" do
      it "enforces min length" do
        expect(schema.validate(valid_input.merge(name: "A")).messages).to eq(["name: must be at least 2"])
      end

      it "enforces max length" do
        expect(schema.validate(valid_input.merge(name: "A" * 41)).messages).to eq(["name: must be at most 40"])
      end

      it "uses the custom format message" do
        expect(schema.validate(valid_input.merge(email: "nope")).messages).to eq(["email: is not an email"])
      end

      it "enforces one_of" do
        result = schema.validate(valid_input.merge(role: "root"))
        expect(result.messages).to eq(["role: must be one of admin, member, guest"])
      end

      it "runs custom checks" do
        expect(schema.validate(valid_input.merge(age: -1)).messages).to eq(["age: must be positive"])
      end

      it "collects errors from several fields at once" do
        result = schema.validate(name: "A", email: "bad", role: "x")
        expect(result.errors.map(&:path)).to eq(%w[name email role])
      end
    end

    context "when input is not a hash" do
      [nil, "string", [1, 2], 3].each do |input|
        it "rejects #{input.inspect}" do
          result = schema.validate(input)
          expect(result).not_to be_valid
          expect(result.messages).to eq(["must be a hash"])
        end
      end
    end
  end

  describe "strict mode" do
    let(:strict_schema) do
      described_class.define do
        strict!
        string :id
      end
    end

    it "rejects unknown keys" do
      result = strict_schema.validate(id: "1", extra: true, "other" => 2)
      expect(result.messages).to contain_exactly("extra: is not allowed", "other: is not allowed")
    end

    it "allows known keys" do
      expect(strict_schema.validate(id: "1")).to be_valid
    end

    it "ignores unknown keys when not strict" do
      expect(schema.validate(valid_input.merge(whatever: 1))).to be_valid
    end
  end

  describe "float fields" do
    let(:schema) { described_class.define { float(:price).min(0) } }

    it "accepts integers and converts them" do
      expect(schema.validate(price: 3).value[:price]).to eq(3.0)
    end

    it "parses numeric strings" do
      expect(schema.validate(price: "2.50").value[:price]).to eq(2.5)
    end

    it "rejects garbage" do
      expect(schema.validate(price: "abc").messages).to eq(["price: must be a float"])
    end

    it "applies min to the numeric value" do
      expect(schema.validate(price: -0.01).messages).to eq(["price: must be at least 0"])
    end
  end
end
