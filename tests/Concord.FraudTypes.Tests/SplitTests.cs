namespace Concord.FraudTypes.Tests;

public sealed class SplitTests
{
    [Theory]
    [InlineData("tts_fraud_00000", 0)]
    [InlineData("tts_fraud_00198", 0)]
    [InlineData("tts_fraud_00079", 4)]
    [InlineData("tts_fraud_02499", 2)]
    [InlineData("tts_fraud_01234", 2)]
    public void A_fifth_is_the_first_byte_of_the_ids_sha256_mod_5(string ttsId, int fifth)
    {
        Assert.Equal(fifth, FraudDialogues.Fifth(ttsId));
        Assert.Equal(fifth == 0, FraudDialogues.IsHeldOut(ttsId));
    }

    [Fact]
    public void The_files_reuse_ids_across_dialogues_and_only_two_texts_repeat()
    {
        var data = Data.Dialogues;
        Assert.Equal(10_006, data.RowsRead);
        Assert.Equal(2, data.DuplicatesDropped);
        Assert.Equal(2_500, data.All.Select(d => d.TtsId).Distinct().Count());
        // Both repeats copy one normal dialogue (under tts_fraud_01340) under two other ids.
        Assert.Equal(2_497, data.All.Count(d => d.Type == FraudType.None));
        foreach (var type in FraudTypes.Frauds)
        {
            Assert.InRange(data.All.Count(d => d.Type == type), 900, 1_000);
        }
    }

    [Fact]
    public void The_held_out_fifth_is_about_a_fifth_and_shares_no_id_with_training()
    {
        var data = Data.Dialogues;
        var trainingIds = data.Training.Select(d => d.TtsId).ToHashSet();
        var heldOutIds = data.HeldOut.Select(d => d.TtsId).ToHashSet();
        Assert.Empty(trainingIds.Intersect(heldOutIds));
        Assert.Equal(data.All.Count, data.Training.Count + data.HeldOut.Count);
        Assert.InRange((double)heldOutIds.Count / (trainingIds.Count + heldOutIds.Count), 0.17, 0.23);
        Assert.InRange((double)data.HeldOut.Count / data.All.Count, 0.17, 0.23);
        Assert.All(data.HeldOut, d => Assert.True(FraudDialogues.IsHeldOut(d.TtsId)));
        foreach (var label in FraudTypes.All)
        {
            Assert.InRange(data.HeldOut.Count(d => d.Type == label.Type), 100, 600);
        }
    }

    [Fact]
    public void Loading_again_gives_the_same_split()
    {
        var again = FraudDialogues.Load(FraudDialogues.FindDirectory(AppContext.BaseDirectory));
        Assert.Equal(Data.Dialogues.HeldOut.Select(d => (d.TtsId, d.File, d.Line)), again.HeldOut.Select(d => (d.TtsId, d.File, d.Line)));
        Assert.Equal(Data.Dialogues.Training.Select(d => (d.TtsId, d.File, d.Line)), again.Training.Select(d => (d.TtsId, d.File, d.Line)));
    }

    [Fact]
    public void A_dialogues_text_interleaves_the_callers_and_the_callees_turns()
    {
        Assert.Equal("a1\nb1\na2\nb2\na3", FraudDialogues.Interleave(["a1", "a2", "a3"], ["b1", "b2"]));
        var first = Data.Dialogues.All[0];
        Assert.Equal("tts_fraud_00079", first.TtsId);
        Assert.Equal(FraudType.Parcel, first.Type);
        Assert.StartsWith("您好，这里是顺丰快递客服，您的包裹在运输过程中被发现有异常，需要您配合处理一下。\n哦，真的吗？", first.Text, StringComparison.Ordinal);
    }
}
