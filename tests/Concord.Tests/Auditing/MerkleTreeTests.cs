using Concord.Core.Auditing;

namespace Concord.Tests.Auditing;

/// <summary>The trail's tree is RFC 9162's: the published reference roots, and consistency proofs that hold exactly when one tree extends the other.</summary>
public sealed class MerkleTreeTests
{
    // The Certificate Transparency reference leaves and the root of each tree size 0..8 (RFC 6962 test vectors).
    private static readonly string[] Leaves = ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"];
    private static readonly string[] Roots =
    [
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ];

    [Fact]
    public void Roots_AreTheReferenceRoots()
    {
        var leaves = Leaves.Select(h => MerkleTree.LeafHash(Convert.FromHexString(h))).ToList();
        for (var n = 0; n <= leaves.Count; n++)
            Assert.Equal(Roots[n], Convert.ToHexStringLower(MerkleTree.Root(leaves, n)));
        // The published proof from size 2 to size 8 begins with these two hashes.
        var proof = MerkleTree.ConsistencyProof(leaves, 2, 8);
        Assert.Equal(["5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"],
            proof.Take(2).Select(Convert.ToHexStringLower));
    }

    [Fact]
    public void ConsistencyProofs_HoldForEveryPairOfSizes_AndFailForAnotherHistory()
    {
        var leaves = Enumerable.Range(0, 40).Select(i => MerkleTree.LeafHash([(byte)i, (byte)(i * 7)])).ToList();
        var other = leaves.ToList();
        other[5] = MerkleTree.LeafHash([0xff]);
        for (var n = 1; n <= leaves.Count; n++)
        {
            var root = MerkleTree.Root(leaves, n);
            for (var m = 1; m <= n; m++)
            {
                var proof = MerkleTree.ConsistencyProof(leaves, m, n);
                Assert.True(MerkleTree.VerifyConsistency(m, n, MerkleTree.Root(leaves, m), root, proof), $"{m} → {n}");
                // The older root of a history that differs at leaf 5 is not a prefix of this one.
                if (m > 5) Assert.False(MerkleTree.VerifyConsistency(m, n, MerkleTree.Root(other, m), root, proof), $"{m} → {n} (other history)");
                // A proof for other sizes does not stand in.
                if (m < n && m > 1) Assert.False(MerkleTree.VerifyConsistency(m - 1, n, MerkleTree.Root(leaves, m - 1), root, proof), $"{m - 1} → {n} with the proof of {m}");
            }
        }
    }
}
